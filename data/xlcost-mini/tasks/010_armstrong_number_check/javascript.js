// Function to calculate x raised to the power y
function power(x, y) {
    if (y == 0)
        return 1;
    if (y % 2 == 0)
        return power(x, Math.floor(y / 2)) * power(x, Math.floor(y / 2));
    return x * power(x, Math.floor(y / 2)) * power(x, Math.floor(y / 2));
}

// Function to calculate the order of the number
function order(x) {
    // Variable to store the number of digits
    let n = 0;
    while (x != 0) {
        n++;
        x = Math.floor(x / 10);
    }
    return n;
}

// Function to check whether the given number is an Armstrong number or not
function isArmstrong(x) {
    let n = order(x);
    let temp = x, sum1 = 0;
    while (temp != 0) {
        let r = temp % 10;
        sum1 = sum1 + power(r, n);
        temp = Math.floor(temp / 10);
    }
    // If the condition satisfies
    return (sum1 == x);
}

// Driver code
let arr = [153, 1253, 9474];
for (let x of arr) {
    if (isArmstrong(x))
        console.log(x + " is an Armstrong number");
    else
        console.log(x + " is not an Armstrong number");
}
