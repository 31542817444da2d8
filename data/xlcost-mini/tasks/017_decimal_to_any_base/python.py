# Function to return the character for a digit value
def reVal(num):
    if num >= 0 and num <= 9:
        return chr(num + ord("0"))
    else:
        return chr(num - 10 + ord("A"))


# Function to convert a given decimal number to base b
def fromDeci(b, inputNum):
    res = ""
    # Convert the input number to the given base by repeatedly dividing it by base
    while inputNum > 0:
        # The remainder is the next digit from the right
        res = reVal(inputNum % b) + res
        inputNum = inputNum // b
    return res


# Driver code
inputNum = 282
bases = [2, 8, 16]
for b in bases:
    print("Equivalent of", inputNum, "in base", b, "is", fromDeci(b, inputNum))
