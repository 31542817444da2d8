# Function to calculate x raised to the power y
def power(x, y):
    if y == 0:
        return 1
    if y % 2 == 0:
        return power(x, y // 2) * power(x, y // 2)
    return x * power(x, y // 2) * power(x, y // 2)


# Function to calculate the order of the number
def order(x):
    # Variable to store the number of digits
    n = 0
    while x != 0:
        n = n + 1
        x = x // 10
    return n


# Function to check whether the given number is an Armstrong number or not
def isArmstrong(x):
    n = order(x)
    temp = x
    sum1 = 0
    while temp != 0:
        r = temp % 10
        sum1 = sum1 + power(r, n)
        temp = temp // 10
    # If the condition satisfies
    return sum1 == x


# Driver code
arr = [153, 1253, 9474]
for x in arr:
    if isArmstrong(x):
        print(x, "is an Armstrong number")
    else:
        print(x, "is not an Armstrong number")
